import Foundation

/// SceneGraphVLM's user prompts (markus0440/SceneGraphVLM dataset exporters
/// `datasets/annotations/{PSG,PVSG,AG}_annot/tools/sft_to_jsonl_*.py`; eval-protocols §3.1,
/// §3.7), verbatim.
///
/// The exporters write `"<image>\n" + prompt` as the only (user) message; ms-swift puts the image
/// where `<image>` is and the inference scripts `strip()` the text. Over the OpenAI API that is
/// a user message whose content is the image followed by the prompt without its trailing
/// newline, and no system message. Inference continues from the response prefix `<answer>\n`
/// and stops at `</answer>` (temperature 0, 2048 new tokens).
public enum SceneGraphVLMPrompts {
  /// The response prefix of SceneGraphVLM inference (`--response-prefix "<answer>\n"`).
  public static let responsePrefix = "<answer>\n"
  /// The stop string of SceneGraphVLM inference.
  public static let stop = "</answer>"

  /// PSG object classes as the PSG prompt lists them (thing classes, then stuff classes).
  public static let psgObjects: [String] = [
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
    "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
    "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
    "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
    "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich",
    "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch",
    "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote",
    "keyboard", "cell phone", "microwave", "oven", "toaster", "sink", "refrigerator", "book",
    "clock", "vase", "scissors", "teddy bear", "hair drier", "toothbrush",
    "banner", "blanket", "bridge", "cardboard", "counter", "curtain", "door-stuff", "floor-wood",
    "flower", "fruit", "gravel", "house", "light", "mirror-stuff", "net", "pillow", "platform",
    "playingfield", "railroad", "river", "road", "roof", "sand", "sea", "shelf", "snow",
    "stairs", "tent", "towel", "wall-brick", "wall-stone", "wall-tile", "wall-wood",
    "water-other", "window-blind", "window-other", "tree-merged", "fence-merged",
    "ceiling-merged", "sky-other-merged", "cabinet-merged", "table-merged", "floor-other-merged",
    "pavement-merged", "mountain-merged", "grass-merged", "dirt-merged", "paper-merged",
    "food-other-merged", "building-other-merged", "rock-merged", "wall-other-merged",
    "rug-merged",
  ]

  /// PSG predicates as the PSG prompt lists them.
  public static let psgPredicates: [String] = [
    "over", "in front of", "beside", "on", "in", "attached to", "hanging from", "on back of",
    "falling off", "going down", "painted on", "walking on", "running on", "crossing",
    "standing on", "lying on", "sitting on", "flying over", "jumping over", "jumping from",
    "wearing", "holding", "carrying", "looking at", "guiding", "kissing", "eating", "drinking",
    "feeding", "biting", "catching", "picking", "playing with", "chasing", "climbing",
    "cleaning", "playing", "touching", "pushing", "pulling", "opening", "cooking", "talking to",
    "throwing", "slicing", "driving", "riding", "parked on", "driving on", "about to hit",
    "kicking", "swinging", "entering", "exiting", "enclosing", "leaning on",
  ]

  /// Action Genome object classes (`OBJ_CLS` of `sft_to_jsonl_ag.py`).
  public static let agObjects: [String] = [
    "person", "bag", "bed", "blanket", "book", "box", "broom", "chair", "closet/cabinet",
    "clothes", "cup/glass/bottle", "dish", "door", "doorknob", "doorway", "floor", "food",
    "groceries", "laptop", "light", "medicine", "mirror", "paper/notebook", "phone/camera",
    "picture", "pillow", "refrigerator", "sandwich", "shelf", "shoe", "sofa/couch", "table",
    "television", "towel", "vacuum", "window",
  ]
  /// Action Genome attention relations (`ATTENTION_CLS`).
  public static let agAttention = ["looking_at", "not_looking_at", "unsure"]
  /// Action Genome spatial relations (`SPATIAL_CLS`).
  public static let agSpatial = [
    "above", "behind", "beneath", "in", "in_front_of", "on_the_side_of",
  ]
  /// Action Genome contacting relations (`CONTACTING_CLS`).
  public static let agContacting = [
    "carrying", "covered_by", "drinking_from", "eating", "have_it_on_the_back", "holding",
    "leaning_on", "lying_on", "not_contacting", "other_relationship", "sitting_on",
    "standing_on", "touching", "twisting", "wearing", "wiping", "writing_on",
  ]

  static let exampleObjRel =
    "<answer>\nobj[7]{id,name,x1,y1,x2,y2}:\n  1,person,281,272,524,438\n  2,umbrella,273,123,640,434\n  3,house,0,88,262,426\n  4,window-other,163,262,195,294\n  5,tree-merged,0,0,640,440\n  6,sky-other-merged,0,0,459,123\n  7,building-other-merged,537,164,640,291\nrel[5]{subj,pred,obj}:\n  1,in-front-of,5\n  3,attached-to,4\n  4,hanging-from,3\n  5,beside,3\n  6,over,5\n</answer>"

  static let outputFormatObjRel =
    "<answer>\nobj[N]{id,name,x1,y1,x2,y2}:\n  id,name,x1,y1,x2,y2\n  ...\nrel[M]{subj,pred,obj}:\n  subj,pred,obj\n  ...\n\n</answer>\n"

  static let closingWrite =
    "Now, generate the complete scene graph for the provided image. Write your response only between <answer> and </answer> tags.\n"

  /// The PSG prompt (`build_user_prompt` of `sft_to_jsonl_psg.py`).
  public static let psg: String = {
    let objects = PythonJSONList.dumps(psgObjects, ensureASCII: false)
    let predicates = PythonJSONList.dumps(psgPredicates, ensureASCII: false)
    return
      "Generate a structured scene graph for an image of size (640 x 480) using the specified object and relationship categories.\n\n"
      + "Output Format:\n\n" + outputFormatObjRel + "Guidelines:\n" + "- Objects:\n"
      + "  - Use integer IDs starting from 1 in the id field (e.g., 1, 2, 3).\n"
      + "  - The object name must belong to the predefined object set: \(objects).\n"
      + "  - Provide the bounding box [x1, y1, x2, y2] in integer pixel format.\n"
      + "  - Include all visible objects, even if they have no relationships.\n\n"
      + "- Relationships:\n"
      + "  - Represent interactions using integer object IDs in subj and obj.\n"
      + "  - The pred (predicate) must belong to the predefined relationship set: \(predicates)\n"
      + "  - Omit relationships for orphan objects.\n\n" + "Example output:\n" + exampleObjRel
      + "\n" + closingWrite
  }()

  static let pvsgUpToExample =
    "Generate a structured scene graph for an image of size (640 x 480) using the following text format.\n\n"
    + "Output Format:\n\n" + outputFormatObjRel + "Guidelines:\n" + "- Objects:\n"
    + "  - Use integer IDs starting from 1 in the id field (e.g., 1, 2, 3).\n"
    + "  - The name must be the object category name (e.g., person, umbrella).\n"
    + "  - Provide the bounding box [x1, y1, x2, y2] in integer pixel format.\n"
    + "  - Include all visible objects, even if they have no relationships.\n\n"
    + "- Relationships:\n"
    + "  - Represent interactions using integer object IDs in subj and obj.\n"
    + "  - pred is the relationship type (string), such as in-front-of, attached-to, beside.\n"
    + "  - Omit relationships for objects that do not participate in any interaction.\n\n"
    + "Example output:\n" + exampleObjRel + "\n"

  /// The header after which the PVSG prompt carries the previous frame's graph (`PREV_HEADER_LEGACY`).
  public static let pvsgPreviousHeader = "Previous frame scene graph (TOON):\n"

  /// The PVSG prompt of a video's first frame (`PROMPT_NO_PREV`).
  public static let pvsgFirstFrame = pvsgUpToExample + closingWrite

  /// The PVSG prompt of a later frame (`PROMPT_WITH_PREV` with `<<PREV_TOON>>` replaced).
  public static func pvsg(previous: String) -> String {
    pvsgUpToExample
      + "You are also given the previous frame's ground-truth scene graph in TOON format.\n"
      + "Use it as temporal context, but rely primarily on the current image.\n" + "Important:\n"
      + "- Include all objects visible in the CURRENT image, even if they did not exist in the previous graph.\n"
      + "- Do NOT include objects that are NOT visible in the current image, even if they exist in the previous graph.\n"
      + "- Output ONLY the complete scene graph for the CURRENT image, using the TOON structure from the Output Format above, inside one <answer>...</answer> block.\n\n"
      + pvsgPreviousHeader + previous + "\n\n" + closingWrite
  }

  static let agThroughExample: String = {
    "Generate a structured scene graph for an image of size (640 x 480) using the following format:\n"
      + "<answer>\nobj[N]{id,name,x1,y1,x2,y2}:\n  id,name,x1,y1,x2,y2\n  ...\n"
      + "rel_pairs[M]{subj,attention,spatial,contacting,obj}:\n"
      + "  subj,[attention_labels],[spatial_labels],[contacting_labels],obj\n  ...\n</answer>\n"
      + "\nGuidelines (closed vocabulary):\n" + "- Objects:\n"
      + "  - Use integer IDs starting from 1 in the id field (e.g., 1, 2, 3).\n"
      + "  - The name must belong to the predefined object set (person + interacted objects).\n"
      + "  - Provide the bounding box [x1, y1, x2, y2] in integer pixel format.\n"
      + "  - Include all visible objects that appear in the graph, even if some have no relationship row.\n"
      + "- Relationship pairs:\n"
      + "  - Each line is one (person, object) pair: subj is the person id, obj is the object id.\n"
      + "  - attention, spatial, contacting are comma-separated lists inside square brackets, using exact labels from ATTENTION_CLS, SPATIAL_CLS, CONTACTING_CLS respectively.\n"
      + "  - Use underscores as in the label names (e.g. in_front_of, not_looking_at).\n"
      + "  - If a type has no label, use an empty list: [].\n"
      + "  - At most 1 attention label, 5 spatial labels, and 4 contacting labels per pair (limits match the training annotations).\n\n"
      + "You are in the closed vocabulary setting. The object name in the name field must be chosen from OBJ_CLS below. Each bracket list must only contain values from its corresponding class list. If something does not match exactly, choose the closest category from the list.\n\n"
      + "OBJ_CLS (valid object categories): \(PythonJSONList.dumps(agObjects, ensureASCII: false))\n\n"
      + "ATTENTION_CLS: \(PythonJSONList.dumps(agAttention, ensureASCII: false))\n\n"
      + "SPATIAL_CLS: \(PythonJSONList.dumps(agSpatial, ensureASCII: false))\n\n"
      + "CONTACTING_CLS: \(PythonJSONList.dumps(agContacting, ensureASCII: false))\n\n"
      + "Example output:\n"
      + "<answer>\nobj[3]{id,name,x1,y1,x2,y2}:\n  1,person,24,71,259,268\n  2,table,222,143,479,244\n  3,chair,56,179,249,269\n"
      + "rel_pairs[2]{subj,attention,spatial,contacting,obj}:\n"
      + "  1,[unsure],[in_front_of],[not_contacting],2\n"
      + "  1,[not_looking_at],[beneath,behind],[sitting_on,leaning_on],3\n</answer>"
  }()

  /// The header after which the AG prompt carries the previous frame's graph (`PREV_HEADER_TAGS`).
  public static let agPreviousHeader =
    "Previous frame ground-truth scene graph (TOON), for reference:\n"

  /// The Action Genome prompt of a clip's first frame (`USER_PROMPT_FIRST`).
  public static let agFirstFrame =
    agThroughExample
    + "\nNow, generate the complete scene graph for the provided image. Wrap your scene graph in <answer>...</answer> tags.\n"

  /// The Action Genome prompt of a later frame (`build_user_prompt_follow`); `previousBlock` is
  /// inserted as given (see ``agGroundTruthBlock(_:)`` and ``agGeneratedBlock(_:)``).
  public static func ag(previousBlock block: String) -> String {
    return agThroughExample + "\n"
      + "You are also given the previous frame's ground-truth scene graph in TOON format.\n"
      + "Use it as temporal context, but rely primarily on the current image.\n" + "Important:\n"
      + "- Include all objects visible in the CURRENT image, even if they did not exist in the previous graph.\n"
      + "- Do NOT include objects that are NOT visible in the current image, even if they exist in the previous graph.\n"
      + "- Output ONLY the complete scene graph for the CURRENT image: use the same TOON structure as in the format above, wrapped in <answer>...</answer> tags.\n\n"
      + agPreviousHeader + block
      + "\n\n\nNow, generate the complete scene graph for the provided image. Wrap your scene graph in <answer>...</answer> tags.\n"
  }

  /// The previous block of GT-prompt rows: the formatted body inside `<answer>` tags.
  public static func agGroundTruthBlock(_ body: String) -> String { "<answer>\n\(body)\n</answer>" }

  /// The previous block of GEN-prompt rows (`build_prompt_with_prev`, `wrap_prev_in_answer`):
  /// the model's cleaned text, stripped, wrapped in `<answer>` tags unless it starts with
  /// `<answer` already; empty stays empty.
  public static func agGeneratedBlock(_ previous: String) -> String {
    let text = PythonStrip.strip(previous)
    guard !text.isEmpty, !text.lowercased().hasPrefix("<answer") else { return text }
    return "<answer>\n\(text)\n</answer>"
  }
}
