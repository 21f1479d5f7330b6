export default definePageConfig({
  navigationBarTitleText: "负面清单",
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
