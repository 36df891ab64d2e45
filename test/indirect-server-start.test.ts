import { defineFixtureTests } from "./fixture-utils.js";

defineFixtureTests("indirect-server-start");
