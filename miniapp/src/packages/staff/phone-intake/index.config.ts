export default definePageConfig({
  navigationBarTitleText: "电话登记",
});
