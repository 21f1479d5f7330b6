export default definePageConfig({
  navigationBarTitleText: "整改销号公示",
  enablePullDownRefresh: true,
});
