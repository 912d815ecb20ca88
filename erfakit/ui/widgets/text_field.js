// A text field that keeps every keystroke in the browser (localStorage) as well as sending it to
// the kernel, so text typed while the kernel is gone survives a reload (erfakit/ui/widgets/text_field.py).

const UNSTORABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function clean(value) {
  // What the meeting file cannot hold: lone surrogates (half an emoji) become U+FFFD, control
  // characters go; tabs and line breaks stay. The kernel cleans the same way (core.parsing).
  let replaced = 0;
  let removed = 0;
  const text = value.replace(/\r\n?/g, "\n").replace(UNSTORABLE, (char) => {
    if (char.length === 1 && char >= "\ud800" && char <= "\udfff") {
      replaced += 1;
      return "\ufffd";
    }
    removed += 1;
    return "";
  });
  return { text, replaced, removed };
}

function render({ model, el }) {
  const rows = model.get("rows");
  const draft = model.get("draft");
  const texts = model.get("texts");
  const key = model.get("store_key") ? `erfakit:${model.get("scope")}:${model.get("store_key")}` : "";
  const control = document.createElement(rows > 0 ? "textarea" : "input");
  if (rows > 0) {
    control.rows = rows;
  } else {
    control.type = "text";
  }
  control.className = "widget-input erfakit-field-control";
  control.spellcheck = true;
  el.classList.add("erfakit-field", rows > 0 ? "widget-textarea" : "widget-text", "widget-inline-hbox");
  erfakitLabel(el, model.get("description"));
  const column = document.createElement("div");
  column.className = "erfakit-field-column";
  column.appendChild(control);
  const note = document.createElement("div");
  note.className = "erfakit-field-note";
  note.setAttribute("role", "status");
  column.appendChild(note);
  el.appendChild(column);

  control.value = model.get("value");
  control.placeholder = model.get("placeholder");
  control.disabled = model.get("disabled");
  let base = model.get("value"); // the text last known to be in the meeting file
  let lastSent = null; // {seq, value} of this field's newest keystroke

  const stored = key ? erfakitRead(key) : null;
  if (stored && stored.b !== undefined) {
    base = stored.b; // older than what the kernel shows; the header's restore decides
  }
  if (key && draft && stored && typeof stored.v === "string") {
    if (model.get("value") === "" && stored.v !== "") {
      // A half-typed entry (an agreement not yet added) that the page lost: put it back.
      control.value = stored.v;
      send(stored.v);
      showNote(texts.restored || "");
    } else if (model.get("value") === stored.v) {
      erfakitForget(key);
    }
  }

  function showNote(message) {
    note.textContent = message;
    note.style.display = message ? "" : "none";
  }
  showNote(model.get("note"));

  function send(value) {
    const seq = ++ERFAKIT.seq;
    const instance = model.get("instance");
    lastSent = { seq, value };
    if (key) {
      if (value === "" && draft) {
        erfakitForget(key);
      } else {
        erfakitWrite(key, { v: value, b: base, t: Date.now(), s: seq, p: ERFAKIT.page, k: instance, d: draft, tab: erfakitTab() });
      }
      if (!draft) {
        const before = ERFAKIT.pending.get(key);
        ERFAKIT.pending.set(key, { seq, since: before ? before.since : Date.now(), instance });
      }
    }
    model.set("value", value);
    model.set("edit", seq);
    try {
      model.save_changes();
    } catch (error) {
      // The kernel is gone (JupyterLab marks the comm dead): the browser copy above is what counts.
    }
  }

  function onInput() {
    let value = control.value;
    const cleaned = clean(value);
    if (cleaned.text !== value) {
      const caret = control.selectionStart;
      const shift = value.length - cleaned.text.length;
      control.value = cleaned.text;
      if (caret !== null) {
        control.selectionStart = control.selectionEnd = Math.max(0, caret - shift);
      }
      value = cleaned.text;
      const parts = [];
      if (cleaned.replaced) parts.push(texts.replaced || "");
      if (cleaned.removed) parts.push(texts.removed || "");
      showNote(parts.join(" "));
    }
    send(value);
  }

  function onKey(event) {
    if (rows === 0 && event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      try {
        model.send({ type: "submit" });
      } catch (error) {
        // kernel gone
      }
    }
  }

  function onValue() {
    const value = model.get("value");
    if (control.value === value) {
      return;
    }
    // Set by the kernel: a filled or emptied entry, a restored text. It wins over the DOM.
    const focused = document.activeElement === control;
    const caret = control.selectionStart;
    control.value = value;
    if (focused && caret !== null) {
      control.selectionStart = control.selectionEnd = Math.min(caret, value.length);
    }
    if (key && draft) {
      erfakitForget(key);
    }
  }

  function onSaved(event) {
    // The kernel reports the newest keystroke the meeting file holds.
    const { instance, saved } = event.detail;
    if (!key || draft || !lastSent || instance !== model.get("instance") || lastSent.seq > saved) {
      return;
    }
    base = lastSent.value;
    const entry = erfakitRead(key);
    if (entry && entry.p === ERFAKIT.page && entry.s <= saved) {
      erfakitForget(key);
    }
  }

  function onForgotten(event) {
    if (key && event.detail.keys.includes(key)) {
      base = model.get("value");
    }
  }

  control.addEventListener("input", onInput);
  control.addEventListener("keydown", onKey);
  model.on("change:value", onValue);
  model.on("change:disabled", () => {
    control.disabled = model.get("disabled");
  });
  model.on("change:placeholder", () => {
    control.placeholder = model.get("placeholder");
  });
  model.on("change:note", () => showNote(model.get("note")));
  ERFAKIT.bus.addEventListener("saved", onSaved);
  ERFAKIT.bus.addEventListener("forgotten", onForgotten);
  return () => {
    ERFAKIT.bus.removeEventListener("saved", onSaved);
    ERFAKIT.bus.removeEventListener("forgotten", onForgotten);
  };
}

export default { render };
