import { defineRoute } from "../contract";
import { ConsentBody, ConsentResponse, SubscriptionTopicsBody, SubscriptionView } from "../schemas/subscription";

const tags = ["订阅"];

export const subscriptionsContract = {
  get: defineRoute({
    method: "GET",
    path: "/api/v1/subscriptions",
    summary: "我的订阅：关注的清单事项、行业、栏目，以及各订阅消息模板的授权情况",
    tags,
    auth: "user",
    response: SubscriptionView,
  }),
  put: defineRoute({
    method: "PUT",
    path: "/api/v1/subscriptions",
    summary: "保存订阅主题（整体替换）；本人投诉的进度始终通知",
    tags,
    auth: "user",
    body: SubscriptionTopicsBody,
    response: SubscriptionView,
  }),
  consents: defineRoute({
    method: "POST",
    path: "/api/v1/subscriptions/consents",
    summary: "记录 wx.requestSubscribeMessage 的结果：一次性订阅每次同意计一次额度，长期订阅记为持续授权",
    tags,
    auth: "user",
    body: ConsentBody,
    response: ConsentResponse,
  }),
} as const;
