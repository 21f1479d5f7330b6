export default definePageConfig({
  navigationBarTitleText: "政策动态",
  enableShareAppMessage: true,
});
