import { siteAdmin } from "../../app/server/admin.server";
import { lockHolder } from "../../app/utils/data-lock.server";
import { embeddedDataDir } from "../../app/utils/db.server";

/**
 * The site running on this installation's embedded database, if there is one: the tools then ask
 * it to do their work (app/server/admin.server.ts) instead of opening the database themselves,
 * which only one process may do. With PostgreSQL, or with no site running, null: the tools open
 * the database as usual.
 */
export function runningSite() {
  const dir = embeddedDataDir();
  if (!dir) return null;
  const holder = lockHolder(dir);
  if (!holder) return null;
  const admin = siteAdmin(dir);
  if (!admin) {
    throw new Error(
      `The site (PID ${holder.pid}) holds the embedded database but does not answer on its admin socket. Stop it and run this again.\n` +
        `サイト（PID ${holder.pid}）が埋め込みデータベースを使用中ですが、管理用ソケットに応答しません。サイトを止めてから再実行してください。`,
    );
  }
  return {
    pid: holder.pid,
    async call(route: string, body: Record<string, unknown> = {}) {
      const { status, data } = await admin.call(route, body);
      if (status !== 200) throw new Error(`The running site refused ${route} (${status}): ${data.toString("utf8").slice(0, 300)}`);
      return data;
    },
  };
}
