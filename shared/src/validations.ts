/** Limits shared by the server's validation and the mini-program's forms. */
export const UserValidation = {
  usernamePattern: /^[a-z0-9][a-z0-9._-]{2,39}$/,
  minPasswordLength: 8,
  maxPasswordLength: 128,
  maxDisplayNameLength: 30,
  /** Failed staff logins within the window that lock the account. */
  maxFailedLogins: 5,
  failedLoginWindowMinutes: 15,
  lockMinutes: 15,
} as const;

export const WechatValidation = {
  /** wx.login codes are short opaque strings; anything longer is not one. */
  maxCodeLength: 128,
  openidPattern: /^[A-Za-z0-9_-]{6,64}$/,
} as const;
