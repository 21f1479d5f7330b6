export default definePageConfig({
  navigationBarTitleText: "准入自查",
  enableShareAppMessage: true,
});
