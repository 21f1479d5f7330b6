import { z } from "zod";
import { defineRoute } from "../contract";

const SignedQuery = z.object({
  signature: z.string().regex(/^[0-9a-f]{40}$/),
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().min(1).max(64),
  echostr: z.string().max(200).optional(),
  openid: z.string().optional(),
  encrypt_type: z.string().optional(),
  msg_signature: z.string().optional(),
});

const tags = ["集成"];

/** Endpoints called by external systems in their own formats (not by the mini-program). */
export const integrationsContract = {
  wechatVerify: defineRoute({
    method: "GET",
    path: "/api/v1/integrations/wechat/events",
    summary: "微信消息推送服务器地址验证（返回 echostr）",
    tags,
    auth: "public",
    query: SignedQuery,
    response: z.string(),
    produces: "text/plain",
  }),
  wechatEvent: defineRoute({
    method: "POST",
    path: "/api/v1/integrations/wechat/events",
    summary: "微信消息推送：图片内容安全检测结果（wxa_media_check）",
    tags,
    auth: "public",
    query: SignedQuery,
    body: z.looseObject({ Event: z.string().optional(), trace_id: z.string().optional(), result: z.looseObject({ suggest: z.string().optional() }).optional() }),
    response: z.string(),
    produces: "text/plain",
  }),
} as const;
