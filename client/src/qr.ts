// QR codes drawn in the browser (qrcode, the generator the server's letters use too) as an SVG
// image in a data: URL, which the pages' security policy allows for images.
import QRCode from 'qrcode';

export async function qrImageUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
