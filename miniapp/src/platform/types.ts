// Shapes shared by the platform implementations (index.weapp.ts, index.h5.ts) and their callers.

export type PlatformName = "weapp" | "h5";

/** What to exchange for a session: a wx.login code, or a development identity in browsers. */
export type LoginGrant = { kind: "wechat"; code: string } | { kind: "dev"; openid: string };

/** A subscribe-message answer per template, as WeChat gives it. */
export type ConsentAnswer = "accept" | "reject" | "ban" | "filter";

/**
 * Result of asking for subscribe-message consent. Browsers cannot receive WeChat messages:
 * there notices reach the message center only.
 */
export type SubscribeOutcome =
  | { supported: false }
  | { supported: true; results: Record<string, ConsentAnswer>; errMsg: string };

export interface PrivacySetting {
  /** The user has not (yet) agreed to the privacy guide the platform knows about. */
  needAuthorization: boolean;
  contractName: string;
}

/** A pending request from the platform to show the privacy agreement before a privacy API runs. */
export interface PlatformPrivacyRequest {
  /** Which page or component triggered it. */
  referrer: string;
  /** Continue (agree, with the id of the agree button tapped) or fail (disagree) the pending API. */
  resolve(decision: "agree" | "disagree", buttonId?: string): void;
}

export interface ChosenImage {
  /** Temporary local path (weapp) or blob URL (H5), valid until the page closes. */
  path: string;
  size: number;
}

export interface TransportRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data?: unknown;
  timeout: number;
}

export interface TransportResponse {
  statusCode: number;
  data: unknown;
}

/** Sends one HTTP request; rejects only when no answer arrived. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

export interface UploadRequest {
  url: string;
  header: Record<string, string>;
  filePath: string;
  name: string;
  formData: Record<string, string>;
  timeout: number;
}

/** Uploads one local file as multipart/form-data; rejects only when no answer arrived. */
export type UploadTransport = (request: UploadRequest) => Promise<TransportResponse>;
