import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App, preloadDashboard } from "./App";
import { api } from "./api";
import { prefetch } from "./prefetch";
import "./app.css";

const render = () =>
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

if (location.pathname === "/") {
  // the request itself started in public/early.js, before this code arrived; this takes its answer
  prefetch("dashboard", () => api.dashboard({}));
  // the dashboard's code (a few kB) first, so the first render shows the page rather than a fallback
  preloadDashboard().then(render, render);
} else {
  render();
}
