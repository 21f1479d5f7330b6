export default definePageConfig({
  navigationBarTitleText: "投诉办理",
  enablePullDownRefresh: true,
});
