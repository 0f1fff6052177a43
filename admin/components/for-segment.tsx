/**
 * A broadcast's targeting field (city, subcategory) shown in the form only when the chosen
 * audience uses it (`custom.segment`); it is then the stock field for its type.
 */
import React from "react";
import { BasePropertyComponent, type EditPropertyProps } from "adminjs";

const ForSegment: React.FC<EditPropertyProps> = (props) => {
  const { property, record } = props;
  const segment = (property.custom as { segment?: string } | undefined)?.segment;
  if (record?.params?.segment !== segment) return null;
  // Required whenever it is shown: the audience needs it.
  return <BasePropertyComponent {...props} property={{ ...property, components: undefined, isRequired: true }} />;
};

export default ForSegment;
