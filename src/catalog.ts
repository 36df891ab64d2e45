/**
 * What counts as a server start. Adding a framework is adding a row here and a fixture pair
 * under __testfixtures__/.
 */
export interface AppFramework {
  /** Display name, used in messages. */
  name: string;
  /** Top-level package whose import makes `app`/`application` an application by name (SPEC 3). */
  package: string;
  /** Qualified names of the application classes. */
  appClasses: string[];
  /** Methods of an application that start a blocking server. */
  serverMethods: string[];
}

export const APP_FRAMEWORKS: readonly AppFramework[] = [
  { name: "Flask", package: "flask", appClasses: ["flask.Flask", "flask.app.Flask"], serverMethods: ["run"] },
  { name: "Quart", package: "quart", appClasses: ["quart.Quart", "quart.app.Quart"], serverMethods: ["run"] },
];

/** Functions whose call returns an application, whatever module they come from. */
export const APP_FACTORY_NAMES: readonly string[] = ["create_app", "make_app"];

/** Names that make an imported or framework-file object an application (SPEC 3). */
export const APP_NAMES: readonly string[] = ["app", "application"];

/**
 * Packages whose `app`/`application` attribute is a submodule or something other than the
 * project's own application object: `from flask import app` is not an application.
 */
export const NOT_PROJECT_PACKAGES: readonly string[] = [
  ...APP_FRAMEWORKS.map((framework) => framework.package),
  "celery", "django", "fastapi", "starlette", "tornado", "typer", "click", "kivy", "textual", "werkzeug",
];

export function serverMethodsOf(frameworks: readonly AppFramework[]): Set<string> {
  return new Set(frameworks.flatMap((framework) => framework.serverMethods));
}
