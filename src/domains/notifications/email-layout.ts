/**
 * The email every notification is sent as: an HTML part built from tables and inline styles (what
 * Gmail, Outlook and Apple Mail all render), right to left for Arabic, and a plain-text part with
 * the same words. Text is escaped; paragraphs come from the template's blank lines.
 */
import type { Lang } from "../../platform/i18n.js";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

const FOOTER = {
  ar: "وصلتك هذه الرسالة لأن لديك حسابًا في نوافذ. يمكنك تغيير الإشعارات من الإعدادات في التطبيق.",
  en: "You are receiving this because you have a Nawafeth account. Change which emails you get in the app's settings.",
};

export function emailLayout(lang: Lang, subject: string, body: string, link?: { url: string; label: string }): EmailContent {
  const dir = lang === "ar" ? "rtl" : "ltr";
  const align = lang === "ar" ? "right" : "left";
  const font = lang === "ar" ? "Tahoma, 'Noto Sans Arabic', Arial, sans-serif" : "-apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  const paragraphs = body.split(/\n{2,}/).map((p) => `<p style="margin:0 0 16px 0;">${escape(p).replace(/\n/g, "<br>")}</p>`).join("");
  const button = link
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 16px 0;"><tr><td style="background:#0f766e;border-radius:6px;"><a href="${escape(link.url)}" style="display:inline-block;padding:12px 20px;color:#ffffff;text-decoration:none;font-weight:bold;">${escape(link.label)}</a></td></tr></table>`
    : "";
  const html = `<!DOCTYPE html>
<html lang="${lang}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" dir="${dir}" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;font-family:${font};color:#111827;font-size:16px;line-height:1.6;text-align:${align};">
<tr><td style="padding:20px 28px;border-bottom:3px solid #0f766e;font-size:20px;font-weight:bold;color:#0f766e;">${lang === "ar" ? "نوافذ" : "Nawafeth"}</td></tr>
<tr><td style="padding:24px 28px;"><h1 style="margin:0 0 16px 0;font-size:20px;">${escape(subject)}</h1>${paragraphs}${button}</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid #e5e7eb;font-size:12px;color:#6b7280;">${FOOTER[lang]}</td></tr>
</table></td></tr></table>
</body></html>`;
  const text = `${subject}\n\n${body}${link ? `\n\n${link.label}: ${link.url}` : ""}\n\n--\n${FOOTER[lang]}\n`;
  return { subject, html, text };
}
