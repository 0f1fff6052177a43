/**
 * A real SMTP server on loopback (smtp-server) that parses what arrives (mailparser), for tests
 * that check the emails the system sends: subject, language, direction, text.
 */
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export interface SmtpSink {
  url: string;
  mails: ParsedMail[];
  /** Resolves once `n` mails have arrived in all. */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Called for each mail as it is accepted (e.g. to kill a worker right after). */
  onMail?: (m: ParsedMail) => void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ParsedMail[] = [];
  const waiters: { n: number; resolve: (m: ParsedMail[]) => void }[] = [];
  const sink = {} as SmtpSink;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((m) => {
          mails.push(m);
          sink.onMail?.(m);
          for (const w of waiters.filter((x) => mails.length >= x.n)) w.resolve(mails.slice());
          callback();
        })
        .catch((e) => callback(e as Error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitFor(n: number, timeoutMs = 10_000) {
      if (mails.length >= n) return Promise.resolve(mails.slice());
      return new Promise<ParsedMail[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${mails.length} of ${n} mails arrived`)), timeoutMs);
        waiters.push({ n, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
