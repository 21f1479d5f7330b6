import { act } from "@testing-library/react";
import { configureRequest } from "@/services/request";
import { signInCitizen, signInStaff, signOut } from "@/services/auth";
import { sessionStore } from "@/services/session";
import {
  agreePrivacy,
  declinePrivacy,
  privacyAgreementStore,
  privacyPromptStore,
  PrivacyDeclinedError,
} from "@/stores/privacy";
import { resetTaro } from "../support/taro";
import { fakeTransport, tokenPair } from "../support/fakeTransport";

beforeEach(() => {
  resetTaro();
  sessionStore.set(null);
  privacyAgreementStore.set(null);
  privacyPromptStore.set(null);
  configureRequest({ baseUrl: "", timeout: 1_000 });
});

/** Answers the privacy panel as soon as it appears. */
function answerPrivacy(agree: boolean) {
  const stop = privacyPromptStore.subscribe(() => {
    if (privacyPromptStore.get()) {
      stop();
      act(() => (agree ? agreePrivacy() : declinePrivacy()));
    }
  });
}

describe("signInCitizen (H5)", () => {
  it("asks for the privacy agreement, then signs in with a development identity that this browser keeps", async () => {
    const openids: string[] = [];
    const { transport } = fakeTransport({
      "POST /api/v1/auth/dev": (req) => {
        openids.push((req.data as { openid: string }).openid);
        return { statusCode: 200, data: tokenPair("a", "refresh-token-000000001") };
      },
      "POST /api/v1/auth/logout": () => ({ statusCode: 200, data: { ok: true } }),
    });
    configureRequest({ transport });

    answerPrivacy(true);
    const user = await signInCitizen();
    expect(user.role).toBe("citizen");
    expect(sessionStore.get()?.accessToken).toBe("a");
    expect(privacyPromptStore.get()).toBeNull();

    await signOut();
    expect(sessionStore.get()).toBeNull();
    await signInCitizen(); // already agreed: no panel this time
    expect(openids).toHaveLength(2);
    expect(openids[0]).toMatch(/^[A-Za-z0-9_-]{6,64}$/);
    expect(openids[1]).toBe(openids[0]);
  });

  it("does not sign in when the user declines the privacy policy", async () => {
    const { transport, seen } = fakeTransport({});
    configureRequest({ transport });
    answerPrivacy(false);
    await expect(signInCitizen()).rejects.toBeInstanceOf(PrivacyDeclinedError);
    expect(seen).toHaveLength(0);
    expect(sessionStore.get()).toBeNull();
  });
});

describe("signInStaff and signOut", () => {
  it("keeps the staff session and signs out locally even when the server cannot be reached", async () => {
    const { transport, seen } = fakeTransport({
      "POST /api/v1/auth/staff": () => ({
        statusCode: 200,
        data: {
          ...tokenPair("s", "refresh-token-000000009"),
          user: {
            id: "0123456789abcdef01234568",
            role: "dept_staff",
            displayName: "市场监管局",
            department: null,
          },
        },
      }),
    });
    configureRequest({ transport });
    const user = await signInStaff("scjgj.staff", "secret-password");
    expect(user.role).toBe("dept_staff");
    expect(seen[0].data).toEqual({ username: "scjgj.staff", password: "secret-password" });
    expect(seen[0].header.Authorization).toBeUndefined();

    configureRequest({ transport: () => Promise.reject({ errMsg: "request:fail" }) });
    await signOut();
    expect(sessionStore.get()).toBeNull();
  });
});
