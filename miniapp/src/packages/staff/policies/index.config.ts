export default definePageConfig({
  navigationBarTitleText: "政策动态稿件",
  enablePullDownRefresh: true,
});
