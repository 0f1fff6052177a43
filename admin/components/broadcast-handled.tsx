/** A broadcast's progress in lists and on its show page: users handled of its audience, and the share. */
import React from "react";
import { ValueGroup } from "@adminjs/design-system";
import { useTranslation, type BasePropertyProps } from "adminjs";

const BroadcastHandled: React.FC<BasePropertyProps> = ({ record, property, where }) => {
  const { translateProperty } = useTranslation();
  const processed = Number(record?.params?.processed ?? 0);
  const total = Number(record?.params?.total ?? 0);
  const done = record?.params?.status === "completed";
  const percent = done ? 100 : total ? Math.min(100, Math.floor((processed / total) * 100)) : 0;
  const value = record?.params?.status === "draft" ? <span>—</span> : <bdi dir="ltr" className="nw-datetime">{`${processed} / ${total} · ${percent}%`}</bdi>;
  if (where !== "show") return value;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{value}</ValueGroup>;
};

export default BroadcastHandled;
