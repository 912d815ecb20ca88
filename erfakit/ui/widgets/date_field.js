// A Danish date field: typed as 3.12.2026, 3/12, 3. dec or 3 december 2026 and shown as
// "3. december 2026", with its own calendar, whatever language the browser speaks. The kernel reads
// the text (erfakit.core.parsing); this only sends it and shows what comes back.
// (erfakit/ui/widgets/date_field.py)

function render({ model, el }) {
  const texts = model.get("texts");
  el.classList.add("erfakit-date", "widget-inline-hbox", "widget-datepicker");
  erfakitLabel(el, model.get("description"));
  const column = document.createElement("div");
  column.className = "erfakit-field-column erfakit-date-column";
  const row = document.createElement("div");
  row.className = "erfakit-date-row";
  const input = document.createElement("input");
  input.type = "text";
  input.className = "widget-input erfakit-field-control";
  input.placeholder = texts.placeholder;
  input.autocomplete = "off";
  const button = erfakitButton("", texts.calendar, "jupyter-button erfakit-date-calendar", () => openCalendar());
  button.setAttribute("aria-label", texts.calendar);
  const icon = document.createElement("i");
  icon.className = "fa fa-calendar"; // Font Awesome 4, which ipywidgets brings for its own buttons
  button.appendChild(icon);
  row.append(input, button);
  const error = document.createElement("div");
  error.className = "erfakit-field-error";
  error.setAttribute("role", "alert");
  column.append(row, error);
  el.classList.add("erfakit-field");
  el.appendChild(column);
  let popup = null;

  function showState() {
    if (document.activeElement !== input || !model.get("error")) {
      if (input.value !== model.get("shown")) input.value = model.get("shown");
    }
    error.textContent = model.get("error");
    error.style.display = model.get("error") ? "" : "none";
    input.disabled = button.disabled = model.get("disabled");
    input.setAttribute("aria-invalid", model.get("error") ? "true" : "false");
  }

  function sync(commit) {
    model.set("typed", input.value);
    try {
      model.save_changes();
      if (commit) model.send({ type: "commit" });
    } catch (error) {
      // kernel gone
    }
  }

  input.addEventListener("input", () => sync(false));
  input.addEventListener("change", () => sync(true));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      sync(true);
    } else if (event.key === "Escape") {
      closeCalendar();
    }
  });

  function closeCalendar() {
    if (popup) {
      popup.remove();
      popup = null;
      document.removeEventListener("mousedown", outside, true);
      window.removeEventListener("scroll", closeCalendar, true);
      window.removeEventListener("resize", closeCalendar);
    }
  }

  function outside(event) {
    if (popup && !popup.contains(event.target) && !button.contains(event.target)) closeCalendar();
  }

  function openCalendar() {
    if (popup) {
      closeCalendar();
      return;
    }
    const start = model.get("iso") || model.get("reference");
    const shown = start ? new Date(`${start}T12:00:00`) : new Date();
    let year = shown.getFullYear();
    let month = shown.getMonth();
    popup = document.createElement("div");
    popup.className = "erfakit-calendar";
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-label", texts.calendar);
    // On the page's body (the forms' boxes clip what sticks out of them), under the field, or
    // above it when the window has no room below; always inside the window.
    document.body.appendChild(popup);
    document.addEventListener("mousedown", outside, true);
    window.addEventListener("scroll", closeCalendar, true);
    window.addEventListener("resize", closeCalendar);

    function turn(months) {
      const moved = new Date(year, month + months, 1);
      year = moved.getFullYear();
      month = moved.getMonth();
      draw();
    }

    function draw() {
      popup.replaceChildren();
      const head = document.createElement("div");
      head.className = "erfakit-calendar-head";
      const back = erfakitButton("‹", texts.previous, "erfakit-calendar-previous", () => turn(-1));
      const forward = erfakitButton("›", texts.next, "erfakit-calendar-next", () => turn(1));
      const title = document.createElement("span");
      title.className = "erfakit-calendar-title";
      title.textContent = `${texts.months[month]} ${year}`;
      head.append(back, title, forward);
      const grid = document.createElement("table");
      const names = document.createElement("tr");
      for (const day of texts.weekdays) {
        const cell = document.createElement("th");
        cell.textContent = day;
        names.appendChild(cell);
      }
      grid.appendChild(names);
      const first = new Date(year, month, 1);
      const offset = (first.getDay() + 6) % 7; // Monday first, as in Denmark
      const days = new Date(year, month + 1, 0).getDate();
      let line = document.createElement("tr");
      for (let blank = 0; blank < offset; blank += 1) line.appendChild(document.createElement("td"));
      for (let day = 1; day <= days; day += 1) {
        const cell = document.createElement("td");
        const pick = document.createElement("button");
        pick.type = "button";
        pick.textContent = String(day);
        const iso = `${year}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
        pick.dataset.date = iso;
        if (iso === model.get("iso")) pick.className = "erfakit-calendar-chosen";
        pick.onclick = () => {
          input.value = `${day}.${month + 1}.${year}`;
          closeCalendar();
          sync(true);
          input.focus();
        };
        cell.appendChild(pick);
        line.appendChild(cell);
        if ((offset + day) % 7 === 0) {
          grid.appendChild(line);
          line = document.createElement("tr");
        }
      }
      if (line.childNodes.length) grid.appendChild(line);
      popup.append(head, grid);
      place();
    }

    function place() {
      const field = row.getBoundingClientRect();
      const size = popup.getBoundingClientRect();
      const below = field.bottom + 2;
      const top = below + size.height <= window.innerHeight ? below : Math.max(0, field.top - 2 - size.height);
      popup.style.top = `${top}px`;
      popup.style.left = `${Math.max(0, Math.min(field.left, window.innerWidth - size.width))}px`;
    }
    draw();
  }

  model.on("change:shown", showState);
  model.on("change:error", showState);
  model.on("change:disabled", showState);
  input.addEventListener("blur", () => setTimeout(showState, 0));
  showState();
  return () => closeCalendar();
}

export default { render };
