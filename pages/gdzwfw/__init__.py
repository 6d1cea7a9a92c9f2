"""Page objects of the GD-IdP portal (广东省统一身份认证平台, 广东政务服务网)."""
