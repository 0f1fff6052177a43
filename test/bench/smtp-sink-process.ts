/**
 * A counting SMTP server for the notifications bench, run in its own process: accepts every
 * message, keeps only its Message-ID (to count duplicates), answers "counts" over IPC.
 */
import { SMTPServer } from "smtp-server";

let received = 0;
const ids = new Set<string>();
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  maxClients: 1000,
  onData(stream, _session, callback) {
    let head = "";
    let done = false;
    stream.on("data", (chunk: Buffer) => {
      if (done) return;
      head += chunk.toString("latin1");
      const end = head.indexOf("\r\n\r\n");
      if (end >= 0 || head.length > 64_000) {
        done = true;
        const m = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head.slice(0, end >= 0 ? end : undefined));
        if (m) ids.add(m[1]!);
      }
    });
    stream.on("end", () => {
      received++;
      callback();
    });
  },
});
server.listen(0, "127.0.0.1", () => process.send!({ port: (server.server.address() as { port: number }).port }));
process.on("message", (m) => {
  if (m === "counts") {
    const cpu = process.cpuUsage();
    process.send!({ received, distinct: ids.size, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
});
process.on("SIGTERM", () => process.exit(0));
