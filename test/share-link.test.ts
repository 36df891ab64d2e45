/**
 * The playground's share links (playground/share.ts), read and written with the web APIs Node has
 * too (CompressionStream, atob, btoa): the page's compressed form and the plain one a script
 * builds by hand give back the code and settings byte for byte, and a damaged link says why.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readFragment, writeFragment } from "../playground/share.js";

const CODE = "\uFEFF# 日本語 😀\r\nfrom flask import Flask\r\napp = Flask(__name__)\rapp.run()\n";
const SETTINGS = "[tool.mainguard]\nunsafe-fixes = true\n";

describe("share links", () => {
  it("round-trip the code and settings through the compressed form, byte for byte", async () => {
    const fragment = await writeFragment({ code: CODE, settings: SETTINGS });
    expect(fragment).toMatch(/^z=[A-Za-z0-9_-]+$/);
    expect(await readFragment(`#${fragment}`)).toEqual({ code: CODE, settings: SETTINGS });
    // What the page writes is deflate-raw of the JSON, as the docs say: Node's zlib reads it too.
    expect(JSON.parse(inflateRawSync(Buffer.from(fragment.slice(2), "base64url")).toString("utf8"))).toEqual({ code: CODE, settings: SETTINGS });
  });

  it("stay short for a big module", async () => {
    const code = Array.from({ length: 2000 }, (_, i) => `@app.route("/r${i}")\ndef r${i}():\n    return ${i}\n\n`).join("");
    const fragment = await writeFragment({ code, settings: "" });
    expect(fragment.length).toBeLessThan(code.length / 4);
  });

  it("read the plain form built by hand, either part alone", async () => {
    const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");
    expect(await readFragment(`#code=${b64(CODE)}&settings=${b64(SETTINGS)}`)).toEqual({ code: CODE, settings: SETTINGS });
    expect(await readFragment(`code=${b64(CODE)}`)).toEqual({ code: CODE, settings: "" });
    expect(await readFragment("")).toBeUndefined();
    expect(await readFragment("#other=1")).toBeUndefined();
  });

  it("say what is wrong with a damaged link", async () => {
    const fragment = await writeFragment({ code: CODE, settings: SETTINGS });
    await expect(readFragment(fragment.slice(0, -8))).rejects.toThrow("this link's `z=` part is damaged (was it cut short?)");
    const notState = `z=${deflateRawSync(Buffer.from('{"code": 1}')).toString("base64url")}`;
    await expect(readFragment(notState)).rejects.toThrow("this link's `z=` part holds no code and settings");
    await expect(readFragment(`code=${Buffer.from([0xff, 0xfe, 0x41]).toString("base64url")}`)).rejects.toThrow("this link's `code=` part is not base64url of UTF-8 text");
  });
});
