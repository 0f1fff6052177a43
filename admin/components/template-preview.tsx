/**
 * A template's preview: its notification on each channel (this template first), filled with the
 * kind's sample values, Arabic beside English. An email is shown as the very HTML that is sent,
 * in a sandboxed frame (no scripts, no requests); SMS and WhatsApp as the one text sent; push and
 * in-app as the title and text a phone shows.
 */
import React, { useEffect, useState } from "react";
import { Box, H3, H5, Loader, Text } from "@adminjs/design-system";
import { ApiClient, useTranslation, type ActionProps } from "adminjs";

interface Lang { subject: string; body: string; html?: string; text?: string }
interface ChannelPreview { channel: string; source: "this" | "stored" | "default"; active: boolean; ar: Lang; en: Lang }
interface Preview { key: string; channel: string; variables: Record<string, string>; previews: ChannelPreview[] }

const api = new ApiClient();

const Rendered: React.FC<{ channel: string; lang: "ar" | "en"; value: Lang }> = ({ channel, lang, value }) => {
  const dir = lang === "ar" ? "rtl" : "ltr";
  if (channel === "email") {
    return <iframe className="nw-email-frame" title={`${channel}-${lang}`} sandbox="" srcDoc={value.html} data-testid={`preview-email-${lang}`} />;
  }
  if (channel === "sms" || channel === "whatsapp") {
    return <div className={`nw-bubble nw-bubble-${channel}`} dir={dir} lang={lang} data-testid={`preview-${channel}-${lang}`}>{value.text}</div>;
  }
  return (
    <div className={`nw-phone-card nw-card-${channel}`} dir={dir} lang={lang} data-testid={`preview-${channel}-${lang}`}>
      <div className="nw-phone-app">{lang === "ar" ? "نوافذ" : "Nawafeth"}</div>
      <strong>{value.subject}</strong>
      <div className="nw-phone-body">{value.body}</div>
    </div>
  );
};

const TemplatePreview: React.FC<ActionProps> = ({ record, resource }) => {
  const { translateMessage: tm, translateLabel } = useTranslation();
  const [preview, setPreview] = useState<Preview | null>(null);
  useEffect(() => {
    api.recordAction({ resourceId: resource.id, recordId: record!.id, actionName: "preview" }).then((res) => setPreview((res.data as unknown as { preview: Preview }).preview));
  }, [record?.id]);
  if (!preview) return <Loader />;
  const vars = Object.entries(preview.variables);
  return (
    <Box variant="container" data-testid="template-preview">
      <H3>{tm("previewTitle")} <code dir="ltr" className="nw-code">{preview.key}</code></H3>
      <Box mb="xl">
        <H5 mb="sm">{tm("previewVariables")}</H5>
        {vars.length ? (
          <span className="nw-chips">
            {vars.map(([k, v]) => (
              <span key={k} className="nw-chip"><bdi dir="ltr">{`{{${k}}}`}</bdi> = <bdi>{v}</bdi></span>
            ))}
          </span>
        ) : <Text color="grey60">{tm("previewNoVariables")}</Text>}
      </Box>
      {preview.previews.map((p) => (
        <Box key={p.channel} mb="xxl" data-testid={`preview-${p.channel}`}>
          <H5 mb="sm">
            {translateLabel(`channel.${p.channel}`, resource.id, { defaultValue: p.channel })}
            <span className={`nw-chip ${p.source === "this" ? "nw-chip-info" : ""}`}>{tm(p.source === "this" ? "previewThis" : p.source === "stored" ? "previewStored" : "previewDefault")}</span>
            {p.source === "this" && !p.active && <span className="nw-chip nw-chip-warn">{tm("previewInactive")}</span>}
          </H5>
          {p.channel === "email" && <Text variant="sm" color="grey60" mb="sm">{tm("previewEmailHint")}</Text>}
          <div className="nw-preview-pair">
            <div>
              <Text variant="sm" color="grey60" mb="sm">{tm("previewArabic")}</Text>
              <Rendered channel={p.channel} lang="ar" value={p.ar} />
            </div>
            <div>
              <Text variant="sm" color="grey60" mb="sm">{tm("previewEnglish")}</Text>
              <Rendered channel={p.channel} lang="en" value={p.en} />
            </div>
          </div>
        </Box>
      ))}
    </Box>
  );
};

export default TemplatePreview;
