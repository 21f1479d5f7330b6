export default definePageConfig({
  navigationBarTitleText: "工作台",
  enablePullDownRefresh: true,
});
