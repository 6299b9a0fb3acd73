// A fake STS for `verify --offline`: many public modules read `data "aws_caller_identity"` for the
// account id, and with mock credentials and no network the provider cannot ask AWS. The override
// provider blocks point the aws provider's `endpoints { sts = ... }` here, and this answers
// GetCallerIdentity with a fixed account, so both configs plan with the same identity. It listens
// on loopback only and lives for one verification (the caller closes it in `finally`). Anything
// but GetCallerIdentity gets an STS-shaped error, so the provider fails fast instead of retrying.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The account id offline mode answers for `aws_caller_identity` (AWS's documentation example). */
export const OFFLINE_ACCOUNT_ID = '123456789012';
/** The caller ARN offline mode answers. */
export const OFFLINE_CALLER_ARN = `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:user/unmodule-offline`;
/** The caller user id offline mode answers. */
export const OFFLINE_USER_ID = 'AIDAUNMODULEOFFLINE';

// STS query-API requests are a few hundred bytes; anything far larger is not a client of ours.
const MAX_BODY = 64 * 1024;
const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** A running fake STS endpoint. */
export interface StsLoopback {
  /** `http://127.0.0.1:PORT`, for the provider's `endpoints { sts = ... }`. */
  endpoint: string;
  /** GetCallerIdentity requests answered so far. */
  answered(): number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Starts the fake STS on an ephemeral loopback port. */
export async function startStsLoopback(): Promise<StsLoopback> {
  let answered = 0;
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        const reply = stsReply(req.method ?? '', body);
        if (reply.status === 200) answered++;
        send(res, reply.status, reply.xml);
      })
      .catch(() => send(res, 400, errorXml('Sender', 'InvalidRequest', 'request body too large or unreadable')));
  });
  // Never keep the CLI alive on our account if a caller forgets to close.
  server.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    answered: () => answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The status and XML body answering one STS query-API request (pure, for tests). */
export function stsReply(method: string, body: string): { status: number; xml: string } {
  const params = new URLSearchParams(body);
  if (method === 'POST' && params.get('Action') === 'GetCallerIdentity') {
    const xml =
      `<GetCallerIdentityResponse xmlns="${XMLNS}"><GetCallerIdentityResult>` +
      `<Arn>${OFFLINE_CALLER_ARN}</Arn><UserId>${OFFLINE_USER_ID}</UserId><Account>${OFFLINE_ACCOUNT_ID}</Account>` +
      `</GetCallerIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
    return { status: 200, xml };
  }
  const action = params.get('Action') ?? `${method} without Action`;
  return { status: 400, xml: errorXml('Sender', 'InvalidAction', `unmodule verify --offline answers only GetCallerIdentity, not ${action}`) };
}

function errorXml(type: string, code: string, message: string): string {
  return (
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`
  );
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function send(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(xml) });
  res.end(xml);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
