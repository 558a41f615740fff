import Foundation

/// R1-SGG's prompts (gpt4vision/R1-SGG `open_r1/trainer/utils/prompt_gallery.py` and
/// `src/sgg_inference_vllm.py`; eval-protocols §2.1), verbatim.
///
/// Inference (`format_data`) sends a system message, then one user message whose content is the
/// image followed by the prompt text. `<answer>`/`</answer>` in a prompt are rewritten to a
/// ```` ```json ```` fence (`replace_answer_format`) and the "of size (W x H) " phrase is removed
/// (`remove_image_size_in_prompt=True`).
public enum R1SGGPrompts {
  /// The default system prompt (`use_think_system_prompt=False`).
  public static let system = "You are a helpful and multimodal AI assistant."

  /// `SYSTEM_PROMPT`, used with `--use_think_system_prompt`.
  public static let thinkSystem =
    "A conversation between User and Assistant. The user asks a question, and the Assistant solves it. The assistant "
    + "first thinks about the reasoning process in the mind and then provides the user with the answer. The reasoning "
    + "process and answer are enclosed within <think> </think> and <answer> </answer> tags, respectively, i.e., "
    + "<think> reasoning process here </think><answer> answer here </answer>"

  /// `PROMPT_SG`: open vocabulary.
  public static let open =
    "Generate a structured scene graph for an image using the following format:\n\n```json\n{\n  \"objects\": [\n    {\"id\": \"object_name.number\", \"bbox\": [x1, y1, x2, y2]},\n    ...\n  ],\n  \"relationships\": [\n    {\"subject\": \"object_name.number\", \"predicate\": \"relationship_type\", \"object\": \"object_name.number\"},\n    ...\n  ]\n}\n```\n\n### **Guidelines:**\n- **Objects:**\n  - Assign a unique ID for each object using the format `\"object_name.number\"` (e.g., `\"person.1\"`, `\"bike.2\"`).\n  - Provide its bounding box `[x1, y1, x2, y2]` in integer pixel format.\n  - Include all visible objects, even if they have no relationships.\n\n- **Relationships:**\n  - Represent interactions accurately using `\"subject\"`, `\"predicate\"`, and `\"object\"`.\n  - Omit relationships for orphan objects.\n\n### **Example Output:**\n```json\n{\n  \"objects\": [\n    {\"id\": \"person.1\", \"bbox\": [120, 200, 350, 700]},\n    {\"id\": \"bike.2\", \"bbox\": [100, 600, 400, 800]},\n    {\"id\": \"helmet.3\", \"bbox\": [150, 150, 280, 240]},\n    {\"id\": \"tree.4\", \"bbox\": [500, 100, 750, 700]}\n  ],\n  \"relationships\": [\n    {\"subject\": \"person.1\", \"predicate\": \"riding\", \"object\": \"bike.2\"},\n    {\"subject\": \"person.1\", \"predicate\": \"wearing\", \"object\": \"helmet.3\"}\n  ]\n}\n```\n\nNow, generate the complete scene graph for the provided image:\n"

  /// `PROMPT_CLOSE` before the category lists are filled in (`{OBJ_CLS}`, `{REL_CLS}`).
  public static let closedTemplate =
    "Generate a structured scene graph for an image using the specified object and relationship categories.\n\n### **Output Format:**\n<answer>\n{\n  \"objects\": [\n    {\"id\": \"object_name.number\", \"bbox\": [x1, y1, x2, y2]},\n    ...\n  ],\n  \"relationships\": [\n    {\"subject\": \"object_name.number\", \"predicate\": \"relationship_type\", \"object\": \"object_name.number\"},\n    ...\n  ]\n}\n</answer>\n\n### **Guidelines:**\n- **Objects:**\n  - Assign unique IDs in the format `\"object_name.number\"` (e.g., `\"person.1\"`). The **object_name** must belong to the predefined object set: `{OBJ_CLS}`.\n  - Provide a bounding box `[x1, y1, x2, y2]` in integer pixel format.\n  - Include all visible objects, even if they have no relationships.\n\n- **Relationships:**\n  - Define relationships using `\"subject\"`, `\"predicate\"`, and `\"object\"`.\n  - The **predicate** must belong to the predefined relationship set: `{REL_CLS}`.\n  - Omit relationships for orphan objects.\n\n### **Example Output:**\n<answer>\n{\n  \"objects\": [\n    {\"id\": \"person.1\", \"bbox\": [120, 200, 350, 700]},\n    {\"id\": \"bike.2\", \"bbox\": [100, 600, 400, 800]},\n    {\"id\": \"helmet.3\", \"bbox\": [150, 150, 280, 240]},\n    {\"id\": \"tree.4\", \"bbox\": [500, 100, 750, 700]}\n  ],\n  \"relationships\": [\n    {\"subject\": \"person.1\", \"predicate\": \"riding\", \"object\": \"bike.2\"},\n    {\"subject\": \"person.1\", \"predicate\": \"wearing\", \"object\": \"helmet.3\"}\n  ]\n}\n</answer>\n\nNow, generate the complete scene graph for the provided image:\n"

  /// The closed-vocabulary prompt as sent: `PROMPT_CLOSE` with `json.dumps` of the object
  /// classes and predicates (`PROMPT_CLOSE_VG150` / `PROMPT_CLOSE_PSG`, background entry
  /// excluded), then `replace_answer_format`.
  public static func closed(objects: [String], predicates: [String]) -> String {
    answerTagsToFence(
      closedTemplate.replacingOccurrences(of: "{OBJ_CLS}", with: PythonJSONList.dumps(objects))
        .replacingOccurrences(of: "{REL_CLS}", with: PythonJSONList.dumps(predicates)))
  }

  /// `replace_answer_format`: `<answer>` → ```` ```json ````, `</answer>` → ```` ``` ````.
  public static func answerTagsToFence(_ prompt: String) -> String {
    prompt.replacingOccurrences(of: "<answer>", with: "```json").replacingOccurrences(
      of: "</answer>", with: "```")
  }
}
