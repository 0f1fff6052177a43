/**
 * AdminJS writes every resource's full description (its properties five times over, and every
 * action) into each page's HTML, whoever is signed in: 1.8 MB for 79 resources, which the browser
 * parses before anything shows. A staff member gets the full description only of the resources
 * they may open; the others become a stub with the same shape (AdminJS still finds them by id, e.g.
 * behind a reference, but they have no link, no fields and no actions).
 */
import type AdminJS from "adminjs";
import type { CurrentAdmin } from "adminjs";

type ResourceJSON = Record<string, unknown>;

interface Decorator {
  toJSON(currentAdmin?: CurrentAdmin): ResourceJSON;
  resourceActions(currentAdmin?: CurrentAdmin): Array<{ name: string }>;
  recordActions?(record: unknown, currentAdmin?: CurrentAdmin): unknown[];
}

/** Whether the staff member may open a resource's list (the only way into it in the panel). */
export function mayOpen(decorator: Pick<Decorator, "resourceActions">, currentAdmin?: CurrentAdmin): boolean {
  return decorator.resourceActions(currentAdmin).some((a) => a.name === "list");
}

export function sendOnlyVisibleResources(admin: AdminJS): void {
  for (const resource of admin.resources) {
    const decorator = resource.decorate() as unknown as Decorator;
    const full = decorator.toJSON.bind(decorator);
    decorator.toJSON = (currentAdmin?: CurrentAdmin) => {
      if (mayOpen(decorator, currentAdmin)) return full(currentAdmin);
      return {
        id: resource.id(),
        name: resource.id(),
        navigation: null,
        href: null,
        titleProperty: null,
        resourceActions: [],
        actions: [],
        properties: {},
        listProperties: [],
        editProperties: [],
        showProperties: [],
        filterProperties: [],
      };
    };
  }
}
