/** MongoDB error codes used by this server, with their official code names. */
export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  NoSuchKey: 4,
  FailedToParse: 9,
  TypeMismatch: 14,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  NotSingleValueField: 54,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  OperationFailed: 96,
  WriteConflict: 112,
  CommandNotSupported: 115,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  TransactionTooLarge: 257,
  OperationNotSupportedInTransaction: 263,
  IndexAlreadyExists: 68,
  CannotCreateIndex: 67,
  Location16410: 16410,
  DuplicateKey: 11000,
  BSONObjectTooLarge: 10334,
  QueryFeatureNotAllowed: 224,
  InvalidPipelineOperator: 168,
  Location40324: 40324,
  Location15998: 15998,
  Location16436: 16436,
  Location17276: 17276,
  Location31249: 31249,
  Location31250: 31250,
  Location31254: 31254,
  Location2: 2,
  NotImplemented: 238,
} as const;

const NAMES: Record<number, string> = {};
for (const [name, code] of Object.entries(ErrorCodes)) {
  if (!(code in NAMES) && !name.startsWith("Location")) NAMES[code] = name;
}

/** A MongoDB server error as the driver expects it: `ok: 0`, `code`, `codeName`, `errmsg`. */
export class MongoError extends Error {
  readonly code: number;
  readonly codeName: string;
  errorLabels: string[] = [];
  extra: Record<string, unknown> = {};

  constructor(code: number, message: string, extra?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.codeName = NAMES[code] ?? `Location${code}`;
    if (extra) this.extra = extra;
  }

  /** The error document sent to the client. */
  toReply(): Record<string, unknown> {
    return {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: this.codeName,
      ...(this.errorLabels.length ? { errorLabels: this.errorLabels } : {}),
      ...this.extra,
    };
  }
}

/** Shorthand constructors. */
export const fail = (code: number, message: string, extra?: Record<string, unknown>): never => {
  throw new MongoError(code, message, extra);
};

export const badValue = (message: string): never => fail(ErrorCodes.BadValue, message);
export const notImplemented = (what: string): never =>
  fail(ErrorCodes.NotImplemented, `${what} is not supported by the embedded server`);
