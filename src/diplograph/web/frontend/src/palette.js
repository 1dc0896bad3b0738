// One colour per event type (models.EVENT_TYPES), muted so that the tables stay the focus.
export const TYPE_COLOURS = {
  MEETING: "#3b6ea8",
  CALL: "#6fa0d0",
  VISIT: "#c0792b",
  MULTILATERAL: "#7a5aa6",
  AGREEMENT: "#3f8f5f",
  INVITATION: "#d4a73c",
  CREDENTIALS: "#8c6d4f",
  SYMPATHY: "#7c8a96",
  CONGRATULATION: "#c4577a",
  SUPPORT: "#4aa3a0",
  MISSION: "#a0522d",
  AID: "#b33f3f",
};
const FALLBACK = "#999999";

export function typeColour(type) {
  return Object.prototype.hasOwnProperty.call(TYPE_COLOURS, type) ? TYPE_COLOURS[type] : FALLBACK;
}

export const KIND_COLOURS = {
  country: "#3b6ea8",
  person: "#c0792b",
  organization: "#3f8f5f",
};

export function kindColour(kind) {
  return Object.prototype.hasOwnProperty.call(KIND_COLOURS, kind) ? KIND_COLOURS[kind] : FALLBACK;
}
