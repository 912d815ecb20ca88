// The header's save state, decided in the browser: a dead kernel cannot say it is dead.
// Pings the kernel through this widget's comm every PING_MS; no answer for LOST_MS shows a banner
// that stays in view, and the save state says "IKKE GEMT" instead of "Gemmer …" or "Gemt". A
// keystroke the kernel has not confirmed on disk after STALE_MS also shows as not saved.
// (erfakit/ui/widgets/status.py)

const PING_MS = 500;
const LOST_MS = 1500;
const STALE_MS = 3000;
const LONG_LOST_MS = 8000;

function render({ model, el }) {
  const texts = model.get("texts");
  const scope = model.get("scope");
  const prefix = `erfakit:${scope}:`;
  const viewKey = `${prefix}#view`;
  el.classList.add("erfakit-status");
  const label = document.createElement("b");
  el.appendChild(label);
  const banner = document.createElement("div");
  banner.className = "erfakit-connection-banner";
  banner.setAttribute("role", "alert");
  banner.style.display = "none";
  document.body.appendChild(banner);
  const root = document.documentElement;

  let lastPong = Date.now();
  let lastPing = 0;
  let lost = false;
  let helloSent = false;
  const reported = new Set(); // "key@time" of browser copies already offered to this kernel

  function kernelGone() {
    // What JupyterLab and Voilà know of the kernel (dead, restarting, no websocket), when exposed.
    try {
      const kernel = model.widget_manager && model.widget_manager.kernel;
      if (!kernel) return false;
      return ["dead", "restarting", "autorestarting", "terminating"].includes(kernel.status) || kernel.connectionStatus === "disconnected";
    } catch (error) {
      return false;
    }
  }

  function oldestUnsaved() {
    let oldest = null;
    for (const entry of ERFAKIT.pending.values()) {
      if (oldest === null || entry.since < oldest) oldest = entry.since;
    }
    return oldest;
  }

  function show() {
    const now = Date.now();
    const silent = now - lastPong;
    lost = kernelGone() || (lastPing > lastPong && silent > LOST_MS);
    const oldest = oldestUnsaved();
    const stale = oldest !== null && now - oldest > STALE_MS;
    let message = model.get("text");
    let state = model.get("state");
    if (lost) {
      message = texts.lost_state;
      state = "error";
      banner.textContent = silent > LONG_LOST_MS || kernelGone() ? texts.banner_long : texts.banner;
      banner.style.display = "";
      // The sticky header bar moves down below the banner: "IKKE GEMT" and the clock stay readable.
      root.style.setProperty("--erfakit-banner-height", `${banner.offsetHeight}px`);
    } else {
      banner.style.display = "none";
      root.style.removeProperty("--erfakit-banner-height");
      if (stale && state !== "read_only") {
        message = texts.stale_state;
        state = "error";
      }
    }
    // JupyterLab and Voilà put a broken-link icon on every widget of a dead kernel; the banner says
    // it once, in words, so the projector stays readable.
    document.body.classList.toggle("erfakit-connection-lost", lost);
    if (label.textContent !== message) label.textContent = message;
    el.dataset.state = state;
    el.dataset.connection = lost ? "lost" : "ok";
  }

  function send(content) {
    try {
      model.send(content);
    } catch (error) {
      // no comm: counted as no answer
    }
  }

  function entries(onlyNew) {
    const found = [];
    try {
      for (let index = 0; index < localStorage.length; index += 1) {
        const key = localStorage.key(index);
        if (!key || !key.startsWith(prefix) || key === viewKey) continue;
        const entry = erfakitRead(key);
        if (!entry || entry.d || typeof entry.v !== "string") continue;
        if (onlyNew && (entry.k === model.get("instance") || reported.has(`${key}@${entry.t}`))) continue;
        reported.add(`${key}@${entry.t}`);
        found.push({ key: key.slice(prefix.length), value: entry.v, base: entry.b ?? null, time: entry.t, tab: entry.tab === erfakitTab() });
      }
    } catch (error) {
      // storage unavailable
    }
    return found;
  }

  function hello() {
    helloSent = true;
    send({ type: "hello", tab: erfakitTab(), entries: entries(false), view: erfakitRead(viewKey) });
  }

  function tick() {
    const now = Date.now();
    if (!helloSent) hello();
    send({ type: "ping" });
    lastPing = now;
    show();
  }

  function onMessage(message) {
    if (message.type === "pong") {
      lastPong = Date.now();
      const instance = model.get("instance");
      for (const [key, entry] of ERFAKIT.pending) {
        if (entry.instance === instance && entry.seq <= message.saved) ERFAKIT.pending.delete(key);
      }
      ERFAKIT.bus.dispatchEvent(new CustomEvent("saved", { detail: { instance, saved: message.saved } }));
      if (!lost) {
        const late = entries(true); // typed into a page whose kernel died, seen only now
        if (late.length) send({ type: "restore", entries: late });
      }
    } else if (message.type === "forget") {
      const keys = [];
      for (const [key, time] of message.keys) {
        const full = prefix + key;
        const entry = erfakitRead(full);
        if (entry && entry.t === time) {
          erfakitForget(full);
          ERFAKIT.pending.delete(full);
          keys.push(full);
        }
      }
      ERFAKIT.bus.dispatchEvent(new CustomEvent("forgotten", { detail: { keys } }));
    } else if (message.type === "view") {
      erfakitWrite(viewKey, message.view);
    }
    show();
  }

  // JupyterLab tells of a dead kernel in a modal dialog that takes the keyboard focus ("Kernel
  // Restarting", often before this page has missed a single pong): the keys typed next go to the
  // dialog (a space presses its button), or, once it is closed, to the notebook as commands. When
  // the tovholder was typing in one of the kit's fields, the banner says it instead: the
  // one-button dialog is closed and the field gets the focus (and its caret) back.
  const TYPING_MS = 3000;
  let lastField = null;
  let lastTyped = 0;
  function onFocus(event) {
    const target = event.target;
    if (!target || !target.closest) return;
    if (target.closest(".erfakit-field")) lastField = target;
    else if (!target.closest(".jp-Dialog")) lastField = null; // she moved on: the dialog is hers to answer
  }
  function onInput(event) {
    if (event.target && event.target === lastField) lastTyped = Date.now();
  }
  const dialogs = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1 || !node.classList.contains("jp-Dialog")) continue;
        const field = lastField;
        const typing = field && Date.now() - lastTyped < TYPING_MS;
        if (!field || !field.isConnected || !(typing || lost || kernelGone())) continue;
        const buttons = node.querySelectorAll(".jp-Dialog-button");
        if (buttons.length !== 1) continue;
        const start = field.selectionStart;
        const end = field.selectionEnd;
        buttons[0].click();
        field.focus();
        if (start !== null) field.setSelectionRange(start, end);
        show();
      }
    }
  });

  function onLeave() {
    send({ type: "flush" }); // the pending save, before the page goes
  }

  model.on("msg:custom", onMessage);
  document.addEventListener("focusin", onFocus, true);
  document.addEventListener("input", onInput, true);
  dialogs.observe(document.body, { childList: true });
  model.on("change:text", show);
  model.on("change:state", show);
  window.addEventListener("beforeunload", onLeave);
  window.addEventListener("pagehide", onLeave);
  const timer = setInterval(tick, PING_MS);
  const watch = setInterval(show, 200);
  tick();
  return () => {
    clearInterval(timer);
    clearInterval(watch);
    dialogs.disconnect();
    document.removeEventListener("focusin", onFocus, true);
    document.removeEventListener("input", onInput, true);
    window.removeEventListener("beforeunload", onLeave);
    window.removeEventListener("pagehide", onLeave);
    banner.remove();
    root.style.removeProperty("--erfakit-banner-height");
    document.body.classList.remove("erfakit-connection-lost");
  };
}

export default { render };
