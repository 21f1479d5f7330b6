export default definePageConfig({
  navigationBarTitleText: "12345 工单队列",
  enablePullDownRefresh: true,
});
