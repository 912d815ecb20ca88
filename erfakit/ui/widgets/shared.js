// Page-wide state shared by erfakit's widgets (one copy per page, whichever widget loads first).
// Kept tiny: it is pasted at the top of each widget's module by Python (no build step).
const ERFAKIT = (globalThis.__erfakit ??= {
  seq: 0, // the page's keystroke counter; the kernel reports the highest it has saved
  page: Math.random().toString(36).slice(2),
  pending: new Map(), // storage key -> {seq, since, instance}: typed, not yet known to be on disk
  bus: new EventTarget(),
});

function erfakitTab() {
  // One key per browser tab: sessionStorage survives a reload of the tab, a new tab gets a new one.
  try {
    let tab = sessionStorage.getItem("erfakit-tab");
    if (!tab) {
      tab = Date.now().toString(36) + Math.random().toString(36).slice(2);
      sessionStorage.setItem("erfakit-tab", tab);
    }
    return tab;
  } catch (error) {
    return ERFAKIT.page;
  }
}

function erfakitRead(key) {
  try {
    const raw = localStorage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch (error) {
    return null;
  }
}

function erfakitWrite(key, entry) {
  try {
    localStorage.setItem(key, JSON.stringify(entry));
    return true;
  } catch (error) {
    return false; // storage full or forbidden: the kernel still gets every keystroke
  }
}

function erfakitForget(key) {
  try {
    localStorage.removeItem(key);
  } catch (error) {
    // nothing to do
  }
}

function erfakitLabel(el, description) {
  // The field's label as ipywidgets draws it (same class, so the kit's CSS sizes it the same).
  if (!description) return;
  const label = document.createElement("label");
  label.className = "widget-label";
  label.textContent = description;
  label.title = description;
  el.appendChild(label);
}

function erfakitButton(label, title, className, onClick) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.title = title;
  button.className = className;
  button.addEventListener("click", onClick);
  return button;
}
