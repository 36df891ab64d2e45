import { defineFixtureTests } from "./fixture-utils.js";

defineFixtureTests("server-start");
