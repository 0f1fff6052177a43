/**
 * A JSON field (a webhook's payload, a run's details) on a show page: AdminJS flattens JSON into
 * `field.a.b` params and shows nothing useful, so it is put back together and printed, indented.
 */
import React from "react";
import { Box, ValueGroup } from "@adminjs/design-system";
import { flat, useTranslation, type BasePropertyProps } from "adminjs";

const JsonView: React.FC<BasePropertyProps> = ({ record, property }) => {
  const { translateProperty } = useTranslation();
  const value = (flat.unflatten(record?.params ?? {}) as Record<string, unknown>)[property.path];
  return (
    <ValueGroup label={translateProperty(property.label, property.resourceId)}>
      {value === undefined || value === null ? (
        <span>—</span>
      ) : (
        <Box as="pre" dir="ltr" data-testid={`json-${property.path}`} style={{ maxHeight: 480, overflow: "auto", background: "#f6f7fb", padding: 12, borderRadius: 6, fontSize: 12, whiteSpace: "pre-wrap", wordBreak: "break-word", textAlign: "left" }}>
          {JSON.stringify(value, null, 2)}
        </Box>
      )}
    </ValueGroup>
  );
};

export default JsonView;
