import type { PolicyCategory } from "@lushan/shared";

/**
 * Topic strings join posts and subscriptions: a subscription stores the topics it follows, a
 * post is published to the topics it is about, and subscribers are found with one indexed `$in`.
 */
export const Topic = {
  anyListChange: "list:any",
  item: (code: string) => `item:${code}`,
  industry: (name: string) => `industry:${name}`,
  category: (category: PolicyCategory) => `category:${category}`,
} as const;

/**
 * The topics a subscription follows.
 * @param s the user's choices.
 * @returns the topic strings, without duplicates.
 */
export function subscriptionTopics(s: { listAll: boolean; items: readonly string[]; industries: readonly string[]; categories: readonly PolicyCategory[] }): string[] {
  const topics = new Set<string>();
  if (s.listAll) topics.add(Topic.anyListChange);
  for (const code of s.items) topics.add(Topic.item(code));
  for (const name of s.industries) topics.add(Topic.industry(name));
  for (const c of s.categories) topics.add(Topic.category(c));
  return [...topics];
}

/**
 * The topics a published post reaches: its category, its tagged industries and list items, and
 * — for 清单动态, which is about the list changing — everyone who follows any list change.
 * @param post category and tags.
 * @returns the topic strings.
 */
export function postTopics(post: { category: PolicyCategory; industries: readonly string[]; items: readonly string[] }): string[] {
  const topics = new Set<string>([Topic.category(post.category)]);
  if (post.category === "清单动态") topics.add(Topic.anyListChange);
  for (const code of post.items) topics.add(Topic.item(code));
  for (const name of post.industries) topics.add(Topic.industry(name));
  return [...topics];
}
