// The platform interface. Taro picks index.weapp.ts or index.h5.ts by TARO_ENV at build time;
// TypeScript and callers see only this declaration, so no page touches wx.* directly.
import type {
  ChosenImage,
  LoginGrant,
  PlatformName,
  PlatformPrivacyRequest,
  PrivacySetting,
  SubscribeOutcome,
  Transport,
  UploadTransport,
} from "./types";

export * from "./types";

/** Which build this is. */
export declare const platformName: PlatformName;

/** How sharing works here: WeChat's share button, or copying a link in browsers. */
export declare const shareMode: "native" | "link";

/** wx.login on weapp; a development identity kept on this browser on H5. */
export declare function login(): Promise<LoginGrant>;

/** Asks for subscribe-message consent. Must run from a tap. H5 answers `{ supported: false }`. */
export declare function requestSubscribeMessage(templateIds: string[]): Promise<SubscribeOutcome>;

/** What the platform's privacy record says (weapp: wx.getPrivacySetting; H5: nothing to ask). */
export declare function getPrivacySetting(): Promise<PrivacySetting>;

/** Makes sure the platform's privacy agreement is in place (weapp may ask through onNeedPrivacyAuthorization). */
export declare function requirePrivacyAuthorize(): Promise<void>;

/** Opens the platform's own privacy guide (weapp); false when there is none (H5). */
export declare function openPrivacyContract(): Promise<boolean>;

/** Registers the one handler that shows the agreement when a privacy API needs it (weapp). */
export declare function onNeedPrivacyAuthorization(
  listener: (request: PlatformPrivacyRequest) => void,
): void;

/** Lets the user pick or take up to `count` photos (compressed); an empty list when cancelled. */
export declare function chooseImages(count: number): Promise<ChosenImage[]>;

/** Full-screen preview of images. */
export declare function previewImages(urls: string[], current?: string): Promise<void>;

/** Copies text to the clipboard. */
export declare function copyText(text: string): Promise<void>;

/** The address people can open to reach a page (H5); empty on weapp, where sharing is native. */
export declare function pageLink(path: string): string;

/** Starts a phone call (e.g. the 12345 hotline). */
export declare function callPhone(phoneNumber: string): Promise<void>;

/** Sets up the screen before the first render (H5: root font size for the rem-based styles). */
export declare function prepareViewport(): void;

/** HTTP transport used by services/request.ts. */
export declare const request: Transport;

/** Multipart upload transport used by services/request.ts. */
export declare const uploadFile: UploadTransport;
