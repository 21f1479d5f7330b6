export default definePageConfig({
  navigationBarTitleText: "稿件管理",
  enablePullDownRefresh: true,
});
