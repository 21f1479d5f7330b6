export default definePageConfig({
  navigationBarTitleText: "我的反映",
  enablePullDownRefresh: true,
});
