export default definePageConfig({
  navigationBarTitleText: "效能统计",
  enablePullDownRefresh: true,
});
