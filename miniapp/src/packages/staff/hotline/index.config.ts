export default definePageConfig({
  navigationBarTitleText: "热线工单",
  enablePullDownRefresh: true,
});
