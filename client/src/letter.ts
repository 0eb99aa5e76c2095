// The activation letters' QR code (server/src/credentials/letters.ts) opens
// `/#/activate/<election>?code=<code>`: the code travels in the fragment, which browsers never
// send to a server. The elections page forwards it to the booth, still in a fragment.

/** The booth address for a letter's fragment, or null if the fragment is not a letter's. */
export function letterTarget(hash: string): string | null {
  const m = /^#\/activate\/([a-z0-9][a-z0-9-]{0,62})(?:\?code=([A-Za-z0-9%-]{1,80}))?$/.exec(hash);
  if (!m) return null;
  return `/vote/${m[1]}${m[2] ? `#code=${m[2]}` : ''}`;
}

/** The code a booth address carries in its fragment (`#code=…`), if any. */
export function codeFromFragment(hash: string): string | null {
  const m = /^#code=([A-Za-z0-9%-]{1,80})$/.exec(hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** A credential sealed on another device (docs/SPEC.md §13.9), carried as `#transfer=<base64url>`. */
export function transferFromFragment(hash: string): string | null {
  const m = /^#transfer=([A-Za-z0-9_-]{20,200})$/.exec(hash);
  return m ? m[1]! : null;
}
