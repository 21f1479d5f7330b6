export default definePageConfig({
  navigationBarTitleText: "整改公示",
  enablePullDownRefresh: true,
});
