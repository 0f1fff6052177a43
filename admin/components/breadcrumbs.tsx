/**
 * AdminJS's breadcrumbs, with an action named as its resource names it: AdminJS words the last
 * crumb without the resource, so the support desk read "Review queue" above its "Support desk"
 * title. A resource's own action labels are also kept as global `<Resource>_<action>` keys
 * (admin/locale/index.ts); the crumb uses that key where one exists.
 */
import React from "react";
import { OriginalBreadcrumbs, useTranslation } from "adminjs";

type Props = React.ComponentProps<typeof OriginalBreadcrumbs>;

const Breadcrumbs: React.FC<Props> = (props) => {
  const { i18n } = useTranslation();
  const { resource, actionName } = props;
  const actions = resource.actions.map((a) => {
    const key = `${resource.id}_${a.name}`;
    return a.name === actionName && i18n.exists(`actions.${key}`) ? { ...a, label: key } : a;
  });
  return <OriginalBreadcrumbs {...props} resource={{ ...resource, actions }} />;
};

export default Breadcrumbs;
