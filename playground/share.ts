/**
 * The page's state in a URL fragment, so that a link reproduces a case exactly. The page writes
 * `#z=` (the code and settings as JSON, deflated, base64url: short even for a big module) and reads
 * that or the plain form `#code=<base64url of UTF-8>&settings=<base64url of UTF-8>` that a script
 * or a bug report can build by hand. Nothing here leaves the browser: a fragment is never sent.
 */
export interface PageState {
  code: string;
  settings: string;
}

const UTF8 = new TextEncoder();
// A BOM at the start of the code is part of the case (Python accepts it), so it is kept.
const TEXT = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function toBase64url(bytes: Uint8Array): string {
  let binary = "";
  // In slices: spreading megabytes of arguments would overflow the stack.
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  return bytes;
}

async function through(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array<ArrayBuffer>> {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/** The fragment (without `#`) that holds `state`, compressed. */
export async function writeFragment(state: PageState): Promise<string> {
  const json = UTF8.encode(JSON.stringify({ code: state.code, settings: state.settings }));
  return `z=${toBase64url(await through(json, new CompressionStream("deflate-raw")))}`;
}

/**
 * The state a fragment holds (`#` optional), undefined when it holds none; an error naming what is
 * wrong with a fragment that cannot be read.
 */
export async function readFragment(fragment: string): Promise<PageState | undefined> {
  const fields = new URLSearchParams(fragment.replace(/^#/, ""));
  const compressed = fields.get("z");
  if (compressed !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(TEXT.decode(await through(fromBase64url(compressed), new DecompressionStream("deflate-raw"))));
    } catch {
      throw new Error("this link's `z=` part is damaged (was it cut short?)");
    }
    const { code, settings } = parsed as Partial<PageState>;
    if (typeof code !== "string" || typeof settings !== "string") throw new Error("this link's `z=` part holds no code and settings");
    return { code, settings };
  }
  const code = fields.get("code");
  const settings = fields.get("settings");
  if (code === null && settings === null) return undefined;
  const plain = (name: string, value: string | null) => {
    if (value === null) return "";
    try {
      return TEXT.decode(fromBase64url(value));
    } catch {
      throw new Error(`this link's \`${name}=\` part is not base64url of UTF-8 text`);
    }
  };
  return { code: plain("code", code), settings: plain("settings", settings) };
}
