export default definePageConfig({
  navigationBarTitleText: "典型案例编辑",
});
