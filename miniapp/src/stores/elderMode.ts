import { createStore } from "./createStore";

/** 适老化 (elder mode): larger text and touch targets, fewer elements. Kept across launches. */
export const elderModeStore = createStore<boolean>(false, "ls.elderMode");
