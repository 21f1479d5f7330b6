import { createStore } from "./createStore";

/**
 * A search handed to the 清单 tab from elsewhere (home search box, hot searches): tab pages
 * cannot take URL parameters, so the intent waits here until the tab shows.
 */
export const listIntentStore = createStore<{ q: string } | null>(null);
