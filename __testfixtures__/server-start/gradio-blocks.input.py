import gradio as gr

with gr.Blocks() as demo:
    name = gr.Textbox(label="Name")
    output = gr.Textbox(label="Greeting")
    name.submit(lambda n: f"Hello {n}", name, output)

demo.launch(server_name="0.0.0.0")
