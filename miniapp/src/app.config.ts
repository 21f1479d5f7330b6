export default defineAppConfig({
  pages: ["pages/home/index", "pages/list/index", "pages/policy/index", "pages/me/index"],
  subPackages: [
    { root: "packages/list", name: "list", pages: ["item/index", "check/index"] },
    { root: "packages/policy", name: "policy", pages: ["detail/index"] },
    {
      root: "packages/account",
      name: "account",
      pages: ["privacy/index", "staff-login/index", "messages/index", "subscriptions/index"],
    },
    {
      root: "packages/complaint",
      name: "complaint",
      pages: ["new/index", "detail/index", "mine/index"],
    },
    // Staff workbench: every staff tool is a page folder here (complaints, hotline, cases, ledger,
    // stats, policy editor). Append pages to this entry.
    {
      root: "packages/staff",
      name: "staff",
      pages: [
        "home/index",
        "complaints/index",
        "complaint/index",
        "policies/index",
        "policy-edit/index",
        "hotline/index",
        "phone-intake/index",
        "cases/index",
        "case-edit/index",
        "ledger/index",
        "ledger/detail/index",
        "stats/index",
      ],
    },
    // Public case library and 整改销号公示 board.
    { root: "packages/cases", name: "cases", pages: ["library/index", "detail/index", "board/index"] },
  ],
  // Fetch the list package while people look at the home page: they usually open an item next.
  preloadRule: {
    "pages/home/index": { network: "all", packages: ["list"] },
    "pages/list/index": { network: "all", packages: ["list"] },
    "pages/policy/index": { network: "all", packages: ["policy"] },
  },
  window: {
    navigationBarBackgroundColor: "#1a5fb4",
    navigationBarTitleText: "庐山市市场准入服务",
    navigationBarTextStyle: "white",
    backgroundColor: "#f2f4f7",
    backgroundTextStyle: "dark",
    // Explicit so the H5 build draws its title bar with back and home buttons too.
    navigationStyle: "default",
  },
  tabBar: {
    color: "#4e5969",
    selectedColor: "#1a5fb4",
    backgroundColor: "#ffffff",
    borderStyle: "black",
    list: [
      {
        pagePath: "pages/home/index",
        text: "首页",
        iconPath: "assets/tab/home.png",
        selectedIconPath: "assets/tab/home-active.png",
      },
      {
        pagePath: "pages/list/index",
        text: "清单",
        iconPath: "assets/tab/list.png",
        selectedIconPath: "assets/tab/list-active.png",
      },
      {
        pagePath: "pages/policy/index",
        text: "动态",
        iconPath: "assets/tab/policy.png",
        selectedIconPath: "assets/tab/policy-active.png",
      },
      {
        pagePath: "pages/me/index",
        text: "我的",
        iconPath: "assets/tab/me.png",
        selectedIconPath: "assets/tab/me-active.png",
      },
    ],
  },
  lazyCodeLoading: "requiredComponents",
});
