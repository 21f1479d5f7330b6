import { buildInfoCommand, getParameterCommand, listDatabasesCommand, pingCommand, whatsmyuriCommand } from "./admin";
import { deleteCommand, findAndModifyCommand, insertCommand, updateCommand } from "./crud";
import {
  createCommand,
  createIndexesCommand,
  dropCommand,
  dropDatabaseCommand,
  dropIndexesCommand,
  listCollectionsCommand,
  listIndexesCommand,
  renameCollectionCommand,
} from "./ddl";
import { aggregateCommand, countCommand, distinctCommand, explainCommand, findCommand, getMoreCommand, killCursorsCommand } from "./query";
import type { CommandSpec } from "./types";

const ALL: CommandSpec[] = [
  pingCommand,
  buildInfoCommand,
  getParameterCommand,
  listDatabasesCommand,
  whatsmyuriCommand,
  insertCommand,
  updateCommand,
  deleteCommand,
  findAndModifyCommand,
  findCommand,
  getMoreCommand,
  killCursorsCommand,
  aggregateCommand,
  countCommand,
  distinctCommand,
  explainCommand,
  createCommand,
  dropCommand,
  dropDatabaseCommand,
  listCollectionsCommand,
  listIndexesCommand,
  createIndexesCommand,
  dropIndexesCommand,
  renameCollectionCommand,
];

/** Commands by name (and alias). hello, sessions and transactions are handled by the server itself. */
export const COMMANDS = new Map<string, CommandSpec>();
for (const spec of ALL) {
  COMMANDS.set(spec.name, spec);
  for (const a of spec.aliases ?? []) COMMANDS.set(a, spec);
}
